/** Item 6 over HTTP: CLIENTS editors save the same article through the real server action. */
import { SaveLedger } from "@/testing/save-ledger";

import { actionId, callAction, percentile, type Server } from "./harness";
import { HttpEditor } from "./http-editor";

export async function lostUpdate(server: Server, cookies: string[], seconds: number, clients = 20) {
  const created = await callAction(server.base, "/newsroom/articles/new", actionId("createDraftAction"), [], cookies[0]);
  const articleId = (created.result as { id: string }).id;
  const editors = cookies.map((c) => new HttpEditor(server.base, c));
  const start = (await editors[0].workingCopy(articleId))!;
  const ledger = new SaveLedger(start.version);
  const deadline = Date.now() + seconds * 1000;
  const failures: string[] = [];

  await Promise.all(
    Array.from({ length: clients }, async (_, i) => {
      const ed = editors[i % editors.length];
      for (let n = 0; Date.now() < deadline; n++) {
        const seen = await ed.workingCopy(articleId);
        if (!seen) {
          failures.push(`client ${i}: working copy unavailable`);
          continue;
        }
        ledger.observe(seen.version, seen.text);
        const text = `client ${i} save ${n}`;
        const r = await ed.saveText(articleId, seen.version, text);
        if (r.kind === "ack") ledger.record("ack", text, r.version, seen.version);
        else if (r.kind === "conflict") ledger.record("conflict", text);
        else {
          ledger.record("error", text);
          failures.push(`client ${i}: ${JSON.stringify(r)}`);
        }
      }
    }),
  );
  const final = (await editors[0].workingCopy(articleId))!;
  const verdict = ledger.verdict(final);
  const latencies = editors.flatMap((e) => e.saveLatencies);
  return {
    item: "6 no lost update (HTTP)",
    tried: `${clients} clients × ${seconds} s on one article`,
    count: verdict.attempted,
    acknowledged: verdict.acknowledged,
    refusedAsConflict: verdict.conflicts,
    errors: verdict.errors,
    lost: verdict.lost,
    finalVersion: final.version,
    saveP50: percentile(latencies, 50),
    saveP99: percentile(latencies, 99),
    problems: [...verdict.problems, ...failures.slice(0, 10)],
    pass: verdict.lost === 0 && verdict.problems.length === 0 && verdict.errors === 0 && final.version === start.version + verdict.acknowledged,
  };
}
