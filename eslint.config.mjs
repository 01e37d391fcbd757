import tseslint from "typescript-eslint";
import drizzle from "eslint-plugin-drizzle";

export default tseslint.config(
  { ignores: [".next/**", "node_modules/**", "data/**", "db/migrations/**", "test-results/**", "playwright-report/**", ".bench/**", "next-env.d.ts"] },
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: { allowDefaultProject: ["*.mjs", "cli/*.mjs", "scripts/*.mjs", "bench/*.mjs"] }, tsconfigRootDir: import.meta.dirname } },
    plugins: { drizzle },
    rules: {
      "@typescript-eslint/no-floating-promises": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "drizzle/enforce-delete-with-where": ["error", { drizzleObjectName: ["db", "tx"] }],
      "drizzle/enforce-update-with-where": ["error", { drizzleObjectName: ["db", "tx"] }],
      // better-sqlite3 and JSON.parse hand back `any`-typed rows; the services narrow them with explicit types.
      "@typescript-eslint/no-unsafe-assignment": "off",
      "@typescript-eslint/no-unsafe-member-access": "off",
      "@typescript-eslint/no-unsafe-argument": "off",
      "@typescript-eslint/no-unsafe-return": "off",
      "@typescript-eslint/no-unsafe-call": "off",
    },
  },
  {
    // Layering: routers and UI go through services, never straight to the database.
    files: ["server/trpc/**", "server/http/**", "components/**", "app/**", "pages/**"],
    rules: {
      "no-restricted-imports": ["error", { patterns: [{ group: ["drizzle-orm", "drizzle-orm/*", "@/db", "@/db/*", "**/db/*"], message: "Routers and UI call services (server/services), not the database." }] }],
    },
  },
  {
    // Nothing flows back up: the domain, the database, lib/ and the CLI never import UI code (issue 14).
    files: ["server/services/**", "db/**", "lib/**", "cli/**"],
    rules: {
      "no-restricted-imports": ["error", { patterns: [{ group: ["@/components", "@/components/*", "**/components/*"], message: "Shared helpers live in lib/; the server and the CLI do not import UI code." }] }],
    },
  },
  {
    // One way to the database (db/README.md, issue 11): outside db/ nothing holds SQL or the raw handle.
    // (Routers and UI are stricter still, above: no database imports at all.) The table-index caches are
    // per-instance SQLite files of their own, not the metadata database, and keep their SQL.
    files: ["server/**", "lib/**", "cli/**", "sdk/**"],
    ignores: [
      "**/*.test.ts",
      "server/testing/**",
      "server/context.ts",
      "server/trpc/**",
      "server/http/**",
      "server/services/tables/query.ts",
      "server/services/tables/registry.ts",
      "server/services/tables/summary.ts",
      "server/workers/**",
    ],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["drizzle-orm", "drizzle-orm/*", "better-sqlite3", "pg", "@/db/schema", "@/db/schema/*", "@/db/statements", "@/db/sql/*", "**/db/schema", "**/db/statements"],
              message: "Queries live in db/queries (db/README.md): call a named query with ctx.",
            },
            { group: ["@/components", "@/components/*", "**/components/*"], message: "Shared helpers live in lib/; the server and the CLI do not import UI code." },
          ],
        },
      ],
      "no-restricted-syntax": [
        "error",
        { selector: "MemberExpression[property.name=/^(sqlite|db)$/][object.name=/^(ctx|g|rc|context)$/]", message: "No raw database handle outside db/: pass ctx to a query in db/queries." },
        { selector: "MemberExpression[property.name='sqlite'][object.property.name='ctx']", message: "No raw database handle outside db/: pass ctx to a query in db/queries." },
      ],
    },
  },
  {
    // Components take server types from components/router-types.ts only (it, trpc.ts and providers.tsx are the bridge).
    files: ["components/**"],
    ignores: ["components/router-types.ts", "components/trpc.ts", "components/providers.tsx"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { group: ["drizzle-orm", "drizzle-orm/*", "@/db", "@/db/*", "**/db/*"], message: "Routers and UI call services (server/services), not the database." },
            { group: ["@/server", "@/server/*"], message: "Import server types from @/components/router-types." },
          ],
        },
      ],
    },
  },
  {
    files: ["**/*.mjs"],
    ...tseslint.configs.disableTypeChecked,
  },
);
