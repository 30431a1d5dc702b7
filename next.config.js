/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  // PGlite loads its WebAssembly and data files relative to its own module: bundling it breaks those paths.
  serverExternalPackages: ["@electric-sql/pglite"],
  reactStrictMode: true,
  // The terms documents and the ledger's migrations are read from disk at run time: ship them with every server function.
  outputFileTracingIncludes: { "/**": ["./content/terms/**", "./lib/ledger/migrations/**"] },
};

module.exports = nextConfig;
