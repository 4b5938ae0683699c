import type { Adapter, AdapterPayload } from "oidc-provider";

/**
 * The demo IdP's storage: one Map per provider, entries dropped once expired. It lives and dies
 * with the demo process, which is all a stand-in needs; oidc-provider's own in-memory adapter
 * works the same but announces at start-up that it is not fit for production.
 */
type Entry = { payload: AdapterPayload; expiresAt: number };

export function createMemoryAdapter(): (model: string) => Adapter {
  const entries = new Map<string, Entry>();
  const read = (key: string) => {
    const entry = entries.get(key);
    if (entry && entry.expiresAt <= Date.now()) entries.delete(key);
    return entries.get(key)?.payload;
  };
  const findBy = (model: string, field: "uid" | "userCode", value: string) => {
    for (const [key, entry] of entries)
      if (key.startsWith(`${model}:`) && entry.payload[field] === value) return read(key);
    return undefined;
  };

  return (model) => ({
    async upsert(id, payload, expiresIn) {
      entries.set(`${model}:${id}`, { payload, expiresAt: expiresIn ? Date.now() + expiresIn * 1000 : Infinity });
    },
    async find(id) {
      return read(`${model}:${id}`);
    },
    async findByUid(uid) {
      return findBy(model, "uid", uid);
    },
    async findByUserCode(userCode) {
      return findBy(model, "userCode", userCode);
    },
    async consume(id) {
      const payload = read(`${model}:${id}`);
      if (payload) payload.consumed = Math.floor(Date.now() / 1000);
    },
    async destroy(id) {
      entries.delete(`${model}:${id}`);
    },
    async revokeByGrantId(grantId) {
      for (const [key, entry] of entries) if (entry.payload.grantId === grantId) entries.delete(key);
    },
  });
}
