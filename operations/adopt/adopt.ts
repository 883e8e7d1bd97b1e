// Entry point of `npm run adopt -- --stack NAME [...]`; the logic is in adoptCommand.ts.
import { runEntry } from "../realDeps";
import { adoptMain } from "./adoptCommand";

if (require.main === module) {
    runEntry(adoptMain);
}
