// ESLint flat config: Next's core web vitals rules (React, React hooks, a11y, import) and its typescript-eslint recommended set.
import { defineConfig, globalIgnores } from "eslint/config";
import nextCoreWebVitals from "eslint-config-next/core-web-vitals";
import nextTypescript from "eslint-config-next/typescript";

export default defineConfig([
  globalIgnores([".next/", ".data/", "test-results/", "playwright-report/", "db/migrations/", "next-env.d.ts"]),
  ...nextCoreWebVitals,
  ...nextTypescript,
  {
    rules: {
      // A leading underscore marks a value left out on purpose (a rest-destructured field, an unused parameter).
      "@typescript-eslint/no-unused-vars": [
        "warn",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", ignoreRestSiblings: true },
      ],
    },
  },
  {
    files: ["tests/**"],
    rules: {
      // The tests' use* functions are vitest set-up helpers (beforeAll/afterEach), not React hooks: there are no components here.
      "react-hooks/rules-of-hooks": "off",
      "react-hooks/immutability": "off",
    },
  },
]);
