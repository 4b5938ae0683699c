// @ts-check

/** @type {import("next").NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  reactStrictMode: true,
  // Native and WASM-backed packages stay outside the server bundle.
  serverExternalPackages: [
    "better-sqlite3",
    "@prisma/adapter-better-sqlite3",
    "@prisma/client",
    "samlify",
    "@authenio/samlify-node-xmllint",
    "node-xmllint",
  ],
  typescript: { ignoreBuildErrors: true },
  // forbidden() answers 403 with app/forbidden.tsx (admin pages for non-admins).
  experimental: { authInterrupts: true }, // `npm run typecheck` is the type gate; keeps builds lean
};

module.exports = nextConfig;
