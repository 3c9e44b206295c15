// What this process knows is already in the package and repository catalogues, so that a report
// naming only known packages (nearly every report after a host's first) skips the catalogue upsert:
// one statement, thousands of index probes and the bytes of every name fewer per report; and
// addUnknownToCatalogues, which upserts what the cache does not know and remembers it.
//
// A hint, never the truth: another process may have added rows (harmless: the upsert of a name we
// think is missing does nothing), and the orphan clean-up may have deleted a row we remember. Ingestion
// detects the second case (the report's rows do not all join the catalogue), forgets everything and
// adds the missing rows inside the report's transaction, so a stale entry costs one retry, never data.
import {
  addMissingPackages,
  addMissingRepositories,
  type CataloguePackage,
  type ReportedRepository,
  repositoryKey,
} from "@/db/queries/catalogue";
import type { Transaction } from "@/db/queries/transaction";

const MAX_ENTRIES = 200_000;

export class CatalogueCache {
  private readonly known = new Map<string, Set<string>>();
  private size = 0;

  /** The items whose key is not known under `scope` (all of them when nothing is). */
  unknown<T>(scope: string, items: readonly T[], keyOf: (item: T) => string): T[] {
    const names = this.known.get(scope);
    if (!names) return [...items];
    return items.filter((item) => !names.has(keyOf(item)));
  }

  remember<T>(scope: string, items: readonly T[], keyOf: (item: T) => string): void {
    if (this.size + items.length > MAX_ENTRIES) this.forget();
    let names = this.known.get(scope);
    if (!names) {
      names = new Set();
      this.known.set(scope, names);
    }
    for (const item of items) {
      const key = keyOf(item);
      if (!names.has(key)) {
        names.add(key);
        this.size++;
      }
    }
  }

  forget(): void {
    this.known.clear();
    this.size = 0;
  }
}

/** Package names per package manager. */
export const packageCatalogue = new CatalogueCache();
/** Repository identities (one scope). */
export const repositoryCatalogue = new CatalogueCache();

const packageName = (p: CataloguePackage) => p.name;

/** Adds the packages and repositories this process has not seen to the catalogues. */
export async function addUnknownToCatalogues(
  packageManager: string,
  packages: readonly CataloguePackage[],
  repositories: readonly ReportedRepository[],
  db?: Transaction,
): Promise<void> {
  const newPackages = packageCatalogue.unknown(packageManager, packages, packageName);
  if (newPackages.length > 0) {
    await addMissingPackages(packageManager, newPackages, db);
    packageCatalogue.remember(packageManager, newPackages, packageName);
  }
  const newRepositories = repositoryCatalogue.unknown("", repositories, repositoryKey);
  if (newRepositories.length > 0) {
    await addMissingRepositories(newRepositories, db);
    repositoryCatalogue.remember("", newRepositories, repositoryKey);
  }
}
