// vitest resolves "server-only" here: tests import server modules outside React Server Components.
export {};
