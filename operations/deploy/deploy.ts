// Entry point of `npm run deploy [-- --preview] [--destroy]`; the logic is in deployCommand.ts.
import { deployMain } from "./deployCommand";
import { runEntry } from "../realDeps";

if (require.main === module) {
    runEntry(deployMain);
}
