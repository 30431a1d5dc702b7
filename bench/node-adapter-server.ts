/**
 * The benchmark's limit server, run in a child process of its own (`node --import tsx bench/node-adapter-server.ts
 * PORT`) with the same environment as `next start`: the terms intake and accept handlers, mounted exactly as the
 * route files mount them, on bare `node:http`, plus a trivial handler as this server's own floor.
 */
import { createServer } from "node:http";
import { consentSettings } from "../lib/login-steps/settings";
import { handleStepIntake } from "../lib/login-steps/step-intake";
import { handleStepPage } from "../lib/login-steps/step-page";
import { handleTermsAnswer } from "../lib/login-steps/terms/terms-answer";
import { termsStep } from "../lib/login-steps/terms/terms-step";
import { nodeListener } from "./node-adapter";

const port = Number(process.argv[2]);
if (!Number.isInteger(port) || port <= 0) throw new Error("usage: node-adapter-server.ts PORT");

const server = createServer(
  nodeListener({
    "GET /health": () => new Response("ok", { headers: { "content-type": "text/plain; charset=utf-8" } }),
    "GET /terms/start": (request) => handleStepIntake(request, termsStep, consentSettings()),
    "GET /terms": (request) => handleStepPage(request, termsStep, consentSettings()),
    "POST /terms/accept": (request) => handleTermsAnswer(request, "accepted", consentSettings()),
  }),
);
server.listen(port, "127.0.0.1");

// A clean exit closes the embedded ledger and, under --cpu-prof, writes the profile.
process.once("SIGTERM", () => {
  server.closeAllConnections();
  server.close(() => {
    consentSettings()
      .ledger.close()
      .finally(() => process.exit(0));
  });
});
