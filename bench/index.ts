// `npm run bench [-- SUB-COMMAND ...]`: one entry for every benchmark, dispatched by its first argument.
import { BENCHES } from "./benches";

async function main(argv: string[]): Promise<void> {
    const [name = "plan", ...rest] = argv;
    const bench = BENCHES[name];
    if (!bench) {
        const list = Object.entries(BENCHES).map(([n, b]) => `  ${n}: ${b.about}`);
        process.stderr.write(
            `unknown benchmark ${name}; usage: npm run bench [-- NAME], NAME one of:\n${list.join("\n")}\n`,
        );
        process.exitCode = 2;
        return;
    }
    await bench.run(rest);
}

main(process.argv.slice(2)).catch((e) => {
    process.stderr.write(`bench failed: ${(e as Error).message}\n`);
    process.exitCode = 1;
});
