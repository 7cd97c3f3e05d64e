import type { Server } from "./harness";
export async function load(_s: Server, _c: string[], _sec: number, _p: string[]) { return { item: "10 todo", pass: false }; }
