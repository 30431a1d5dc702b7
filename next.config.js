/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  // PGlite loads its WebAssembly and data files relative to its own module: bundling it breaks those paths.
  serverExternalPackages: ["@electric-sql/pglite"],
  reactStrictMode: true,
  // The proxy sees the URL as the client sent it, not Next's rebuild from a plain object, which drops a parameter
  // named __proto__: the API must see it to refuse it (proxy.ts, lib/http/raw-query.ts).
  skipProxyUrlNormalize: true,
  // `next dev` logs each request's URL, query included: the steps' intake URLs carry the Action's session_token.
  logging: { incomingRequests: { ignore: [/[?&]session_token=/] } },
  // The terms documents and the migrations (the ledger's, business data's) are read from disk at run time: ship them
  // with every server function.
  outputFileTracingIncludes: { "/**": ["./content/terms/**", "./lib/ledger/migrations/**", "./lib/business-data/migrations/**"] },
  // No page of the app may be framed (clickjacking: a consent clicked through an invisible frame). The steps'
  // routes are left out: their pages send a complete policy of their own (lib/http/html.ts, the hand-off's script
  // hash), which a header from here would replace.
  async headers() {
    return [
      {
        source: "/:path((?!(?:terms(?:/start|/accept|/decline)?|profile(?:/start|/save)?)$).*)",
        headers: [
          { key: "Content-Security-Policy", value: "frame-ancestors 'none'" },
          { key: "X-Frame-Options", value: "DENY" },
        ],
      },
    ];
  },
};

module.exports = nextConfig;
