/**
 * Normalisation of the party details that duplicate detection and fraud signals compare. Chinese
 * company names are written many ways for one registered entity: full-width or half-width
 * characters, （集团） or (集团), spaces, and the legal-form suffix 有限公司 / 有限责任公司 /
 * 股份有限公司 (Company Law of the PRC arts. 3, 57, 92 name the forms). We compare the distinctive
 * part of the name: NFKC folding (full-width → half-width), lower case, no spaces, punctuation or
 * brackets, and no legal-form suffix.
 */

/** Legal-form suffixes, longest first so 股份有限公司 is removed before 有限公司. */
const LEGAL_FORM_SUFFIXES = [
  "股份有限公司",
  "有限责任公司",
  "集团有限公司",
  "有限公司",
  "股份公司",
  "集团公司",
  "公司",
  "companylimited",
  "colimited",
  "coltd",
  "limited",
  "ltd",
  "llc",
  "inc",
  "corporation",
  "corp",
  "gmbh",
] as const;

/** Everything that is neither a letter nor a digit (any script): punctuation, spaces, brackets, symbols. */
const NON_WORD = /[^\p{L}\p{N}]+/gu;

/** NFKC (full-width → half-width, compatibility forms), lower case, letters and digits only. */
export function foldText(input: string): string {
  return input.normalize("NFKC").toLowerCase().replace(NON_WORD, "");
}

/**
 * The comparable core of a company name: folded, then legal-form suffixes removed (repeatedly, so
 * "某某集团股份有限公司" and "某某集团" meet). Never returns an empty key for a non-empty name.
 */
export function normaliseCompanyName(name: string): string {
  const folded = foldText(name);
  let key = folded;
  let changed = true;
  while (changed) {
    changed = false;
    for (const suffix of LEGAL_FORM_SUFFIXES) {
      if (key.length > suffix.length && key.endsWith(suffix)) {
        key = key.slice(0, -suffix.length);
        changed = true;
        break;
      }
    }
  }
  return key.length > 0 ? key : folded;
}

function bigrams(text: string): Map<string, number> {
  const chars = [...text];
  const grams = new Map<string, number>();
  if (chars.length === 1) {
    grams.set(text, 1);
  }
  for (let i = 0; i + 1 < chars.length; i++) {
    const g = `${chars[i]}${chars[i + 1]}`;
    grams.set(g, (grams.get(g) ?? 0) + 1);
  }
  return grams;
}

/**
 * Similarity of two company names, 0–1: the Sørensen–Dice coefficient of character bigrams of the
 * normalised names (bigrams suit Chinese, where one character is a morpheme). Equal keys give 1.
 */
export function nameSimilarity(a: string, b: string): number {
  const x = normaliseCompanyName(a);
  const y = normaliseCompanyName(b);
  if (x.length === 0 || y.length === 0) {
    return 0;
  }
  if (x === y) {
    return 1;
  }
  const gx = bigrams(x);
  const gy = bigrams(y);
  let overlap = 0;
  let total = 0;
  for (const [g, n] of gx) {
    overlap += Math.min(n, gy.get(g) ?? 0);
    total += n;
  }
  for (const n of gy.values()) {
    total += n;
  }
  return total === 0 ? 0 : (2 * overlap) / total;
}

/** Digits only, without the China country prefix (+86 / 0086) and a leading trunk 0. */
export function normalisePhone(phone: string): string {
  let digits = phone.normalize("NFKC").replace(/\D+/g, "");
  if (digits.startsWith("0086")) {
    digits = digits.slice(4);
  } else if (digits.startsWith("86") && digits.length >= 12) {
    digits = digits.slice(2);
  }
  return digits.replace(/^0+/, "");
}

/** Bank account: letters and digits only, upper case (IBANs and CNAPS accounts alike). */
export function normaliseBankAccount(account: string): string {
  return account
    .normalize("NFKC")
    .replace(/[^0-9A-Za-z]+/g, "")
    .toUpperCase();
}

/** E-mail: trimmed, lower case. */
export function normaliseEmail(email: string): string {
  return email.normalize("NFKC").trim().toLowerCase();
}

/** Address: folded like a name (full-width, spaces, punctuation, brackets do not matter). */
export function normaliseAddress(address: string): string {
  return foldText(address);
}

/**
 * The distinct bigrams of a normalised company name: the blocking keys duplicate detection looks
 * candidates up by (an index over them), so no screening reads every customer.
 */
export function nameGrams(name: string): string[] {
  return [...bigrams(normaliseCompanyName(name)).keys()].sort();
}

/**
 * The fewest DISTINCT bigrams a candidate must share with `name` to reach a Dice similarity of
 * `threshold` — a pre-filter without false negatives: Dice = 2o/(nx+ny) ≥ t with o ≤ ny gives
 * o ≥ t·nx/(2−t) (o, nx: multiset overlap and count); a repeated bigram of x adds at most its
 * repetitions, so the distinct overlap is at least that minus (nx − distinct nx). At least 1.
 */
export function minSharedGrams(name: string, threshold: number): number {
  const grams = bigrams(normaliseCompanyName(name));
  let nx = 0;
  for (const n of grams.values()) {
    nx += n;
  }
  const bound = (threshold * nx) / (2 - threshold) - (nx - grams.size);
  return Math.max(1, Math.ceil(bound - 1e-9));
}
