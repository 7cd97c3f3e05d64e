import { describe, expect, it } from "vitest";

import { BCRYPT_COST, hashPassword, passwordWork, verifyPassword } from "./password";

describe("password hashing (@node-rs/bcrypt)", () => {
  it("keeps accepting the hashes bcryptjs made ($2a$ and $2b$, any cost)", async () => {
    // Made by bcryptjs 3.0.3 (the library used before): hashSync("legacy bcryptjs pass", cost).
    const legacy = [
      "$2b$04$ouVQ.7Nur3aLpLDh61gWieDifmGSD2hYTzd1DwSwMMVqU/T36V35e",
      "$2a$04$iAh21v41yImR/eDgzGFUV.moACU2rf1jq2wFs5EBfMmr13..PT4E2",
      "$2b$12$sa4zp0wHaniKhOxnjsNfOuowAbkSSzg5Upgujc0cKuYMp6AcGSV/a",
    ];
    for (const hash of legacy) {
      expect(await verifyPassword("legacy bcryptjs pass", hash)).toBe(true);
      expect(await verifyPassword("legacy bcryptjs pasS", hash)).toBe(false);
    }
  });

  it("makes $2b$ hashes at cost 12 that verify, and counts the work", async () => {
    const before = { ...passwordWork };
    const hash = await hashPassword("correct horse battery");
    expect(hash).toMatch(new RegExp(`^\\$2b\\$${BCRYPT_COST}\\$`));
    expect(await verifyPassword("correct horse battery", hash)).toBe(true);
    expect(passwordWork.hashes).toBe(before.hashes + 1);
    expect(passwordWork.verifications).toBe(before.verifications + 1);
  });

  it("no hash, an empty one or a malformed one never verifies and never throws", async () => {
    for (const hash of [null, undefined, "", "garbage", "$2b$12$short"]) expect(await verifyPassword("anything", hash)).toBe(false);
  });
});
