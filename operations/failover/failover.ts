// Entry point of `npm run failover -- --to REGION | --active-active`; the logic is in failoverCommand.ts.
import { failoverMain } from "./failoverCommand";
import { runEntry } from "../realDeps";

if (require.main === module) {
    runEntry(failoverMain);
}
