export * from "./users";
export * from "./articles";
export * from "./activity";
export * from "./types";
