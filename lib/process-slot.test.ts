import { describe, expect, it } from "vitest";

import { processSlot } from "./process-slot.mjs";

describe("processSlot", () => {
  it("gives every copy of a module the one value, made once by whichever asks first", () => {
    let made = 0;
    const name = `newsroom.test.${Math.random()}`;
    // Two getters for one name: what two copies of a module (Next's bundle, Node's own load) each make.
    const inBundle = processSlot(name, () => ({ made: ++made, value: null as string | null }));
    const inServer = processSlot(name, () => ({ made: ++made, value: null as string | null }));
    inBundle().value = "registered by the app";
    expect(inServer().value).toBe("registered by the app");
    expect(made).toBe(1);
    delete (globalThis as unknown as Record<symbol, unknown>)[Symbol.for(name)];
  });

  it("keeps a null it was given (a feature turned off stays off)", () => {
    let made = 0;
    const name = `newsroom.test.${Math.random()}`;
    const off = processSlot(name, () => (made++, null));
    expect(off()).toBeNull();
    expect(off()).toBeNull();
    expect(made).toBe(1);
    delete (globalThis as unknown as Record<symbol, unknown>)[Symbol.for(name)];
  });
});
