import { parseTokenScope } from "@creditdesk/core/identity";
import { createApiToken, createUser, listUsers, revokeApiToken } from "@creditdesk/lib/identity";
import { AppError } from "@creditdesk/lib/shared";
import { openAppDatabase } from "../shared/open-database.ts";
import { readPassword } from "./read-password.ts";

const CLI_ACTOR = "system:cli";

export async function createUserCommand(options: {
  login: string;
  role: string;
  displayName?: string | undefined;
  team?: string | undefined;
  passwordStdin: boolean;
}): Promise<void> {
  const password = await readPassword(`password for ${options.login}: `, options.passwordStdin);
  const handle = await openAppDatabase();
  try {
    const user = await createUser({
      handle,
      actor: CLI_ACTOR,
      input: {
        login: options.login,
        role: options.role,
        displayName: options.displayName,
        team: options.team,
        password,
      },
    });
    process.stdout.write(`created ${user.role} ${user.login}\n`);
  } finally {
    await handle.close();
  }
}

export async function listUsersCommand(): Promise<void> {
  const handle = await openAppDatabase();
  try {
    const rows = await listUsers({ handle });
    const lines = rows.map((u) =>
      [
        u.login,
        u.role,
        u.team ?? "-",
        u.status,
        u.lockedUntil ? `locked until ${u.lockedUntil}` : "",
        u.displayName,
      ].join("\t"),
    );
    process.stdout.write(
      `${["login", "role", "team", "status", "lock", "name"].join("\t")}\n${lines.join("\n")}\n`,
    );
  } finally {
    await handle.close();
  }
}

export async function createTokenCommand(options: {
  user: string;
  scope: string;
  name: string;
}): Promise<void> {
  const scope = parseTokenScope(options.scope);
  if (!scope) {
    throw AppError.validation([
      { path: "scope", message: "read, write or a comma-separated permission list" },
    ]);
  }
  const handle = await openAppDatabase();
  try {
    const { token, info } = await createApiToken({
      handle,
      login: options.user,
      scope,
      name: options.name,
      actor: CLI_ACTOR,
    });
    process.stderr.write(
      `token ${info.id} for ${info.login} (scope ${info.scopes.join(",")}) — shown once:\n`,
    );
    process.stdout.write(`${token}\n`);
  } finally {
    await handle.close();
  }
}

export async function revokeTokenCommand(id: number): Promise<void> {
  const handle = await openAppDatabase();
  try {
    const info = await revokeApiToken({ handle, id, actor: CLI_ACTOR });
    process.stdout.write(`revoked token ${info.id} of ${info.login}\n`);
  } finally {
    await handle.close();
  }
}
