/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  reactStrictMode: true,
  // The terms documents are read from disk at run time: ship them with every server function.
  outputFileTracingIncludes: { "/**": ["./content/terms/**"] },
};

module.exports = nextConfig;
