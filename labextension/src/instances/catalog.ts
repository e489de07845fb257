import type { Instance, InstanceCatalog } from '../generated/api-types';
import { fetchCatalog } from './api';
import { ReadingModel } from '../ui/requesting';

export type SortKey = 'type' | 'price' | 'memory' | 'vcpu' | 'gpu_memory';
export type SortDirection = 'ascending' | 'descending';

export interface ICatalogFilter {
  /** Matched against type, family and GPU model, without regard to case. */
  text: string;
  gpuOnly: boolean;
  /** A family ("g4dn") or '' for all. */
  family: string;
}

export const NO_FILTER: ICatalogFilter = { text: '', gpuOnly: false, family: '' };

const SORT_VALUE: Record<SortKey, (instance: Instance) => number | string | null> = {
  type: instance => instance.type,
  price: instance => instance.price_per_hour,
  memory: instance => instance.memory_gib,
  vcpu: instance => instance.vcpu,
  gpu_memory: instance => instance.gpu_memory_gib
};

/** The catalog's families, in the order they first appear. */
export function familiesOf(instances: Instance[]): string[] {
  return [...new Set(instances.map(instance => instance.family))];
}

export function filterInstances(
  instances: Instance[],
  filter: ICatalogFilter
): Instance[] {
  const needle = filter.text.trim().toLowerCase();
  return instances.filter(
    instance =>
      (!filter.gpuOnly || instance.gpus > 0) &&
      (!filter.family || instance.family === filter.family) &&
      (!needle ||
        instance.type.toLowerCase().includes(needle) ||
        instance.family.toLowerCase().includes(needle) ||
        (instance.gpu_model ?? '').toLowerCase().includes(needle))
  );
}

function compareValues(a: number | string, b: number | string): number {
  return typeof a === 'number' && typeof b === 'number'
    ? a - b
    : String(a).localeCompare(String(b), 'en', { numeric: true });
}

/** Prices ascending, a type without a price (not offered) last. */
function comparePrices(a: Instance, b: Instance): number {
  const [x, y] = [a.price_per_hour, b.price_per_hour];
  if (x === null || y === null) {
    return x === y ? 0 : x === null ? 1 : -1;
  }
  return x - y;
}

/**
 * Sorted by one column; ties keep the price order (then the name), so that equal
 * memory shows the cheaper type first. A missing value goes last either way.
 */
export function sortInstances(
  instances: Instance[],
  key: SortKey,
  direction: SortDirection
): Instance[] {
  const sign = direction === 'ascending' ? 1 : -1;
  const byKey = (a: Instance, b: Instance): number => {
    const [x, y] = [SORT_VALUE[key](a), SORT_VALUE[key](b)];
    if (x === null || y === null) {
      return x === y ? 0 : x === null ? 1 : -1;
    }
    return sign * compareValues(x, y);
  };
  return [...instances].sort(
    (a, b) =>
      byKey(a, b) ||
      comparePrices(a, b) ||
      a.type.localeCompare(b.type, 'en', { numeric: true })
  );
}

/** "Prices from AWS's Price List API, read 2026-11-25" or the bundled file's date. */
export function describeSource(catalog: InstanceCatalog): string {
  const where =
    catalog.source === 'pricing-api'
      ? "AWS's Price List API"
      : 'the price list shipped with jupyter_dsws (the Price List API was not reachable)';
  return `Prices for ${catalog.region} from ${where}, as of ${catalog.as_of}.`;
}

export namespace CatalogModel {
  export interface IOptions {
    /** The server call; tests pass their own. */
    fetch?: (region?: string) => Promise<InstanceCatalog>;
  }
}

/** The catalog tab's state: the region's catalog, its filter and its sort order. */
export class CatalogModel extends ReadingModel {
  constructor(options: CatalogModel.IOptions = {}) {
    super();
    this._fetch = options.fetch ?? (region => fetchCatalog(region));
  }

  get catalog(): InstanceCatalog | null {
    return this._catalog;
  }

  /** The rows to show: filtered, then sorted. */
  get rows(): Instance[] {
    const instances = this._catalog?.instances ?? [];
    const shown = filterInstances(instances, this._filter);
    return this._sortKey === null
      ? shown
      : sortInstances(shown, this._sortKey, this._direction);
  }

  get families(): string[] {
    return familiesOf(this._catalog?.instances ?? []);
  }

  get filter(): ICatalogFilter {
    return this._filter;
  }

  set filter(value: ICatalogFilter) {
    this._filter = value;
    this.emit();
  }

  /** Null: the server's order (by family, then size). */
  get sortKey(): SortKey | null {
    return this._sortKey;
  }

  get direction(): SortDirection {
    return this._direction;
  }

  /** Sort by `key`; the same key again reverses the order. */
  sortBy(key: SortKey): void {
    if (key === this._sortKey) {
      this._direction = this._direction === 'ascending' ? 'descending' : 'ascending';
    } else {
      this._sortKey = key;
      this._direction = 'ascending';
    }
    this.emit();
  }

  /**
   * Load the catalog of `region` (the server's own when not given). Only the answer to
   * the last request counts: the region may change meanwhile.
   */
  load(region?: string): Promise<void> {
    return this.read(
      () => this._fetch(region),
      catalog => {
        this._catalog = catalog;
      },
      'The instance catalog could not be read.'
    );
  }

  private _fetch: (region?: string) => Promise<InstanceCatalog>;
  private _catalog: InstanceCatalog | null = null;
  private _filter: ICatalogFilter = NO_FILTER;
  private _sortKey: SortKey | null = null;
  private _direction: SortDirection = 'ascending';
}
