/** Checks API answers against /api/v1/openapi.json (tests only): ajv on the OpenAPI 3.1 schemas. */
import addFormatsModule from "ajv-formats";
import { Ajv2020 } from "ajv/dist/2020.js";

import { openApiDocument } from "@/lib/content-api/openapi";

const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => void;

export const doc = openApiDocument("http://localhost");
const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats(ajv);
ajv.addSchema({ $id: "openapi.json", ...doc });

type Operation = { responses: Record<string, { content?: Record<string, { schema: { $ref: string } }> }> };

/**
 * Asserts that `body` is what the description promises for `path` (as in `paths`) and `status`,
 * and that the status is one the description lists. Throws with ajv's errors otherwise.
 */
export function expectMatchesOpenApi(path: string, status: number, body: unknown): void {
  const op = (doc.paths as Record<string, { get: Operation }>)[path]?.get;
  if (!op) throw new Error(`${path} is not in the OpenAPI description`);
  const response = op.responses[String(status)];
  if (!response) throw new Error(`${path} answered ${status}, which the description does not list`);
  const schema = response.content?.["application/json"]?.schema;
  if (!schema) {
    if (body !== null && body !== "") throw new Error(`${path} ${status} has no body in the description but answered one`);
    return;
  }
  const validate = ajv.getSchema(`openapi.json${schema.$ref}`);
  if (!validate) throw new Error(`no schema ${schema.$ref}`);
  if (!validate(body)) throw new Error(`${path} ${status} does not match ${schema.$ref}: ${ajv.errorsText(validate.errors)}`);
}
