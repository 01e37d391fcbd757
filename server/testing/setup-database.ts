import { afterAll, inject } from "vitest";
import { createTestSchema } from "./postgres";

// ARCA_TEST_DATABASE=postgres (npm run test:unit:team): the tests that use the process's own context
// (getServiceContext: the HTTP and tRPC handlers, the access matrix) keep their metadata in a PostgreSQL
// schema of this test file's own, as a server with ARCA_DATABASE_URL would. Test worlds make their own
// (server/testing/factory.ts).
// Without PostgreSQL they stay on SQLite (CI requires it: ARCA_TEST_REQUIRE_POSTGRES=1).
const url = inject("postgresUrl");
if (process.env.ARCA_TEST_DATABASE === "postgres" && url) {
  const schema = await createTestSchema(url);
  process.env.ARCA_DATABASE_URL = schema.url;
  afterAll(() => schema.drop());
}
