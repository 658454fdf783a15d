/** `npm run schema:print`: writes the GraphQL schema as SDL, to be committed with the code. */
import { writeFile } from 'node:fs/promises';
import { printedSchema, SCHEMA_FILE } from '../graphql/print';

await writeFile(SCHEMA_FILE, await printedSchema());
console.log(`wrote ${SCHEMA_FILE}`);
