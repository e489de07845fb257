/**
 * What a person ticked in a sheet to compare, in the order of ticking: the runs of an
 * experiment by id, the versions of any groups by ARN. `changed` runs after each tick.
 */
export class SheetSelection<T> {
  constructor(
    private readonly _keyOf: (item: T) => string,
    private readonly _changed: () => void
  ) {}

  get items(): T[] {
    return [...this._items.values()];
  }

  has(key: string): boolean {
    return this._items.has(key);
  }

  /** Tick or untick `item`. */
  toggle(item: T): void {
    const key = this._keyOf(item);
    if (!this._items.delete(key)) {
      this._items.set(key, item);
    }
    this._changed();
  }

  clear(): void {
    this._items.clear();
    this._changed();
  }

  /** A newer state of an item: taken where the item is ticked. */
  update(item: T): void {
    const key = this._keyOf(item);
    if (this._items.has(key)) {
      this._items.set(key, item);
    }
  }

  private _items = new Map<string, T>();
}
