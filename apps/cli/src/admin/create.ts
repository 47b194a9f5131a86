import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { hash } from '@node-rs/argon2';
import { emailSchema, passwordSchema } from '@maillage/core';
import { accountsRepo, prepareStore } from '@maillage/db';
import type { CliIo } from '../io';
import { openCliStore } from '../store';

export const adminCreateHelp = `Usage : maillage admin create --email ADRESSE [--name NOM] [--password MOT_DE_PASSE]

Crée un compte administrateur. Sans --password, un mot de passe est tiré au hasard et affiché.`;

/** `maillage admin create`: creates an administrator from a shell. */
export async function adminCreate(argv: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: { email: { type: 'string' }, name: { type: 'string' }, password: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    strict: true,
  });
  if (values.help) {
    io.stdout(adminCreateHelp);
    return 0;
  }
  const email = emailSchema.safeParse(values.email ?? '');
  if (!email.success) {
    io.stderr('Erreur : --email manque ou n’est pas une adresse e-mail valide.');
    return 2;
  }
  const generated = !values.password;
  const password = values.password ?? randomBytes(12).toString('base64url');
  if (!passwordSchema.safeParse(password).success) {
    io.stderr('Erreur : --password doit contenir au moins 10 caractères.');
    return 2;
  }
  const store = await openCliStore();
  try {
    await prepareStore(store);
    const repo = accountsRepo(store.db);
    if (await repo.findUserByEmail(email.data)) {
      io.stderr(`Erreur : un compte existe déjà pour ${email.data}.`);
      return 1;
    }
    const passwordHash = await hash(password, { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 });
    const user = await repo.transaction(async (tx) => {
      const created = await tx.createUser({
        email: email.data,
        displayName: values.name ?? email.data.split('@')[0] ?? email.data,
        passwordHash,
        isAdmin: true,
      });
      await tx.audit({ actorUserId: null, action: 'admin.create_cli', entityType: 'user', entityId: created.id });
      return created;
    });
    io.stdout(`Administrateur créé : ${user.email}${generated ? `\nMot de passe : ${password}` : ''}`);
    return 0;
  } finally {
    await store.close();
  }
}
