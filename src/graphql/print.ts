import { printSchema } from 'graphql';
import { createSchema } from './schema';

/** Where the committed schema lives, relative to the repository root. */
export const SCHEMA_FILE = 'schema/schema.graphql';

/** The schema as SDL, exactly as `npm run schema:print` writes it. */
export async function printedSchema(): Promise<string> {
  return `${printSchema(await createSchema())}\n`;
}
