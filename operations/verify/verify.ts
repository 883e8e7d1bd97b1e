// Entry point of `npm run verify [-- --objects N]`; the logic is in verifyCommand.ts.
import { runEntry } from "../realDeps";
import { verifyMain } from "./verifyCommand";

if (require.main === module) {
    runEntry(verifyMain);
}
