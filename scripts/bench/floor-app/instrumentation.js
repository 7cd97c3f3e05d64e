// Empty on purpose: without a file of its own, the build took the repository's (database and all).
export function register() {}
