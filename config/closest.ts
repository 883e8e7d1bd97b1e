// Closest-name suggestions ("did you mean ...?") for misspelt config keys and stack names.

/** Edit distance (insert, delete, substitute), case-insensitive: `vpcCIRD` is two edits from `vpcCidr`. */
export function editDistance(a: string, b: string): number {
    const s = a.toLowerCase();
    const t = b.toLowerCase();
    let prev = Array.from({ length: t.length + 1 }, (_, j) => j);
    for (let i = 1; i <= s.length; i++) {
        const row = [i];
        for (let j = 1; j <= t.length; j++) {
            row[j] = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (s[i - 1] === t[j - 1] ? 0 : 1));
        }
        prev = row;
    }
    return prev[t.length];
}

/**
 * The candidate nearest to `name`, when it is near enough to be what was meant: at most a third of
 * the name's length in edits (at least 2), so `foo` suggests nothing from a list of unrelated keys.
 */
export function closest(name: string, candidates: readonly string[]): string | undefined {
    let best: string | undefined;
    let bestDistance = Infinity;
    for (const c of candidates) {
        const d = editDistance(name, c);
        if (d < bestDistance) [best, bestDistance] = [c, d];
    }
    return bestDistance <= Math.max(2, Math.floor(name.length / 3)) ? best : undefined;
}

/** `; did you mean X?` or nothing. */
export function didYouMean(name: string, candidates: readonly string[]): string {
    const c = closest(name, candidates);
    return c === undefined ? "" : `; did you mean ${c}?`;
}
