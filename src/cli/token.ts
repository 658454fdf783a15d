/**
 * npm run token -- --user HANDLE | --user-id ID [--role manager] [--ttl 1h]
 * Prints a development token (HS256, signed with AUTH_JWT_SECRET) alone on its last line.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { normaliseHandle } from '../domain/user';
import { ROLES } from '../graphql/authorize';
import { signingSecret, signToken } from '../server/auth/sign';
import { loadConfig } from '../server/config';
import { configuredStore, openStore } from '../store/open';

const HELP = `Usage: npm run token -- (--user HANDLE | --user-id ID) [--role ROLE]... [--ttl SPAN]

Signs a token the server accepts as "Authorization: Bearer <token>", with the HS256 secret in
AUTH_JWT_SECRET (and AUTH_JWT_ISSUER / AUTH_JWT_AUDIENCE when set). The token is the last line.

  --user HANDLE   look the user up by handle in the configured store (DATA_DIR or NEO4J_URI);
                  LadybugDB lets one process open a data directory, so stop the server first
  --user-id ID    use this internal user id as is, without opening the store
  --role ROLE     manager (catalogue, model training) or admin (moderation); repeatable
  --ttl SPAN      lifetime, e.g. 30m, 1h, 7d [1h]
`;

async function userIdFor(handle: string): Promise<string> {
  const config = loadConfig();
  // Opening an empty directory would create a database there and then find nobody in it.
  if (!config.neo4j && !existsSync(path.join(config.dataDir, 'graph.lbug'))) {
    throw new Error(`no database in ${path.resolve(config.dataDir)}: set DATA_DIR to the server's data directory`);
  }
  const store = await openStore(configuredStore(config));
  try {
    const [user] = await store.users.getByHandle([handle]);
    if (!user) throw new Error(`no user has the handle ${JSON.stringify(handle)}`);
    return user.id;
  } finally {
    await store.close();
  }
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      user: { type: 'string' },
      'user-id': { type: 'string' },
      role: { type: 'string', multiple: true, default: [] },
      ttl: { type: 'string', default: '1h' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(HELP);
    return 0;
  }
  if ((values.user === undefined) === (values['user-id'] === undefined)) {
    process.stderr.write(`Give exactly one of --user and --user-id.\n\n${HELP}`);
    return 2;
  }
  const unknown = values.role.filter((role) => !(ROLES as readonly string[]).includes(role));
  if (unknown.length) {
    process.stderr.write(`Unknown role ${unknown.join(', ')}: the roles are ${ROLES.join(', ')}.\n`);
    return 2;
  }
  const auth = loadConfig().auth;
  signingSecret(auth); // fail on a missing secret before opening the store
  const userId = values['user-id'] ?? (await userIdFor(normaliseHandle(values.user!)));
  const token = await signToken(auth, { userId, roles: values.role, ttl: values.ttl });
  process.stdout.write(`${token}\n`);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (err) => {
    process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  },
);
