/** Small helpers for benchmark figures. */
export const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

export interface Figure {
  id: number;
  name: string;
  value: string;
  target: string;
  met: boolean | null;
  note?: string;
}

/** A line on stderr while a long figure runs: which one, which round. */
export const progress = (figure: number, what: string, round: number, of: number): void =>
  void process.stderr.write(`  figure ${figure}: ${what}, round ${round}/${of}\n`);
