export async function scheduling(_engine: string, _port: number) { return { item: "9 todo", pass: false }; }
