import { hash, verify } from '@node-rs/argon2';

// argon2id with OWASP's recommended minimum (19 MiB, 2 passes, 1 lane): ~20 ms here, slow enough
// against offline guessing, fast enough for a counter full of officers signing in at 07:30.
// `algorithm: 2` is Algorithm.Argon2id: the package exports it as a const enum, which isolated
// modules cannot inline.
const OPTIONS = { algorithm: 2 as const, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

// Verifying against this when the username is unknown keeps the response time the same, so
// timing does not reveal which usernames exist.
let dummy: Promise<string> | null = null;
export function dummyHash(): Promise<string> {
  dummy ??= hashPassword('motcua-timing-equaliser');
  return dummy;
}
