import { consentSettings } from "@/lib/login-steps/settings";
import { handleStepPage } from "@/lib/login-steps/step-page";
import { termsStep } from "@/lib/login-steps/terms/terms-step";

export const GET = (request: Request) => handleStepPage(request, termsStep, consentSettings());
