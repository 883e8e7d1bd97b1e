// Tests that adopt's contradictory keep flags are bad input, refused before any stack file or AWS call.
import * as assert from "assert";
import { adoptMain } from "../../operations/adopt/adoptCommand";
import { EXIT_USAGE } from "../../operations/common/cli";
import { captureIo } from "./fixtures";

async function run(argv: string[]): Promise<{ code: number; err: string[]; touched: string[] }> {
    const c = captureIo();
    const touched: string[] = [];
    const refuse = (what: string) => () => {
        touched.push(what);
        throw new Error(`${what} not expected`);
    };
    const code = await adoptMain(argv, {
        io: c.io,
        env: {},
        projectDir: "/nowhere",
        now: () => 0,
        discoverStacks: refuse("stack files"),
        aws: { sts: refuse("sts"), s3: refuse("s3"), cloudWatch: refuse("cloudWatch") },
    });
    return { code, err: c.err, touched };
}

describe("adopt: keep flags that exclude each other", () => {
    for (const [all, one, value] of [
        ["--keep-all-statements", "--keep", "AllowPartnerRead"],
        ["--keep-all-rules", "--keep-rule", "old-logs"],
    ]) {
        it(`${all} with ${one} is one line, exit 2, nothing read`, async () => {
            const r = await run(["--stack", "osaka", all, one, value]);
            assert.strictEqual(r.code, EXIT_USAGE);
            assert.strictEqual(r.err.length, 1);
            assert.ok(
                r.err[0].startsWith(`adopt: ${all} and ${one} exclude each other (usage: npm run adopt -- `),
                r.err[0],
            );
            assert.deepStrictEqual(r.touched, []);
        });
    }
});
