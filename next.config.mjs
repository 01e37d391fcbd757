/** @type {import('next').NextConfig} */
const nextConfig = {
  // The HTTP API streams multi-GiB uploads; nothing in front of it may buffer bodies.
  poweredByHeader: false,
  serverExternalPackages: ["better-sqlite3", "pg"],
  typedRoutes: false,
};

export default nextConfig;
