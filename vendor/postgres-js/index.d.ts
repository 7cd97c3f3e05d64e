// The vendored copy has the package's API and types exactly.
export * from "postgres";
export { default } from "postgres";
