// `npm run reconcile`: compares a source bucket's S3 Inventory with a target's and says which current
// objects are missing, different, extra, in flight or failed to replicate. Exit 0 nothing lost, 1 loss, 2 bad input.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import type { AthenaClient } from "@aws-sdk/client-athena";
import type { S3Client } from "@aws-sdk/client-s3";
import {
    CommandSpec,
    EXIT_FAILURE,
    EXIT_OK,
    intOption,
    Io,
    OptionValue,
    runCommand,
    stringOption,
    UsageError,
} from "../common/cli";
import { reconcileWithAthena } from "./athenaEngine";
import { LocalInventory, reconcileWithDuckDb } from "./duckdbEngine";
import { readLocalManifest } from "./manifest";
import { isClean, ReconcileResult, resultJson, resultText } from "./reconcileResult";
import { downloadInventory, parseS3Url, readS3Manifest, S3Inventory } from "./s3Inventory";

export const RECONCILE_SPEC: CommandSpec = {
    name: "reconcile",
    synopsis:
        "--source MANIFEST --target MANIFEST [--json] [--out FILE] [--limit N] [--engine duckdb|athena] [--workgroup NAME --database NAME]",
    summary:
        "Compares two S3 Inventories (a manifest.json as s3://bucket/key or a local path inside the folder tree S3 Inventory writes) by current object: missing, mismatched (ETag, size or version id), extra, in flight (changed inside the 15-minute replication window before the target inventory) and failed (ReplicationStatus FAILED). Exit 0 when nothing is missing, mismatched or failed, 1 otherwise.",
    options: {
        source: { type: "string", value: "MANIFEST", help: "the source bucket's inventory manifest.json" },
        target: { type: "string", value: "MANIFEST", help: "the replica's inventory manifest.json" },
        json: { type: "boolean", help: "print the result as JSON" },
        out: { type: "string", value: "FILE", help: "write every difference (not only the first --limit) as CSV" },
        limit: { type: "string", value: "N", help: "entries shown per list (default 1000)" },
        engine: {
            type: "string",
            value: "ENGINE",
            help: "duckdb (default: embedded, one machine) or athena (the inventories' own S3 location)",
        },
        "memory-limit": {
            type: "string",
            value: "SIZE",
            help: "duckdb memory before spilling to disk, e.g. 2GB (default 2GB)",
        },
        workgroup: { type: "string", value: "NAME", help: "athena: the workgroup (the hub's athenaWorkgroup output)" },
        database: { type: "string", value: "NAME", help: "athena: the database (the hub's athenaDatabase output)" },
        region: { type: "string", value: "REGION", help: "region for the Athena client (default: the AWS config's)" },
    },
};

export interface ReconcileDeps {
    io: Io;
    s3(): S3Client;
    athena(region?: string): AthenaClient;
    /** A fresh scratch folder, removed after the run. */
    scratch(): string;
    /** Waits between Athena polls. @default setTimeout */
    sleep?: (ms: number) => Promise<void>;
}

type Manifest = { kind: "local"; path: string } | { kind: "s3"; url: string };

function manifestArg(flag: string, value: OptionValue): Manifest {
    const v = stringOption(value);
    if (v === undefined) throw new UsageError(`--${flag} is required`);
    if (v.startsWith("s3://")) {
        if (!parseS3Url(v)) throw new UsageError(`--${flag} ${v} is not an s3://bucket/key URL`);
        return { kind: "s3", url: v };
    }
    return { kind: "local", path: v };
}

const SIZE = /^\d+(\.\d+)?\s*(KB|MB|GB|TB|KiB|MiB|GiB|TiB)$/;

export async function reconcileMain(argv: string[], deps: ReconcileDeps): Promise<number> {
    return runCommand(RECONCILE_SPEC, argv, deps.io, async (o) => {
        const source = manifestArg("source", o.source);
        const target = manifestArg("target", o.target);
        const limit = intOption("limit", o.limit, 1000, 0);
        const engine = stringOption(o.engine) ?? "duckdb";
        if (engine !== "duckdb" && engine !== "athena")
            throw new UsageError(`--engine must be duckdb or athena, got ${JSON.stringify(engine)}`);
        const memoryLimit = stringOption(o["memory-limit"]) ?? "2GB";
        if (!SIZE.test(memoryLimit))
            throw new UsageError(
                `--memory-limit must be a size such as 2GB or 512MB, got ${JSON.stringify(memoryLimit)}`,
            );
        const outFile = stringOption(o.out);
        if (outFile !== undefined && !fs.existsSync(path.dirname(path.resolve(outFile))))
            throw new UsageError(`--out ${outFile}: the folder ${path.dirname(path.resolve(outFile))} does not exist`);
        const progress = (line: string) => deps.io.err(line);

        let result: ReconcileResult;
        if (engine === "athena") {
            const workgroup = stringOption(o.workgroup);
            const database = stringOption(o.database);
            if (!workgroup || !database)
                throw new UsageError(
                    "--engine athena needs --workgroup and --database (the hub stack's athenaWorkgroup and athenaDatabase outputs)",
                );
            if (source.kind !== "s3" || target.kind !== "s3")
                throw new UsageError(
                    "--engine athena reads inventories where they lie: --source and --target must be s3:// manifests",
                );
            const [src, tgt] = [
                await readS3Manifest(deps.s3(), source.url),
                await readS3Manifest(deps.s3(), target.url),
            ];
            result = await reconcileWithAthena(deps.athena(stringOption(o.region)), src, tgt, {
                workgroup,
                database,
                limit,
                outFile,
                progress,
                sleep: deps.sleep,
            });
        } else {
            const scratch = deps.scratch();
            try {
                const local = async (m: Manifest, side: string): Promise<LocalInventory> => {
                    if (m.kind === "local") return readLocalManifest(m.path);
                    const inv: S3Inventory = await readS3Manifest(deps.s3(), m.url);
                    return downloadInventory(deps.s3(), inv, path.join(scratch, side), progress);
                };
                const src = await local(source, "source");
                const tgt = await local(target, "target");
                result = await reconcileWithDuckDb(src, tgt, {
                    limit,
                    outFile,
                    memoryLimit,
                    tempDirectory: path.join(scratch, "spill"),
                    progress,
                });
            } finally {
                fs.rmSync(scratch, { recursive: true, force: true });
            }
        }
        if (o.json) deps.io.out(JSON.stringify(resultJson(result), null, 2));
        else for (const line of resultText(result)) deps.io.out(line);
        return isClean(result) ? EXIT_OK : EXIT_FAILURE;
    });
}

/** A scratch folder in the OS temp dir. */
export function osScratch(): string {
    return fs.mkdtempSync(path.join(os.tmpdir(), "reconcile-"));
}
