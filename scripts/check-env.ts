/** tsx scripts/check-env.ts [server|script] — reads the .env files and checks the configuration; exit 1 with one line per problem. */
import { scriptEnv } from "./script-env";

scriptEnv(process.argv[2] === "server" ? "server" : "script");
