import type {
  RegistryComparison,
  RegistryVersionDetail
} from '../../generated/api-types';
import { RegistryModel } from '../model';
import { TabModel } from './tab';

/** Two or more versions side by side. */
export class CompareModel extends TabModel {
  constructor(
    registry: RegistryModel,
    readonly arns: string[]
  ) {
    super(registry);
  }

  get comparison(): RegistryComparison | null {
    return this._comparison;
  }

  get differencesOnly(): boolean {
    return this._differencesOnly;
  }

  set differencesOnly(value: boolean) {
    this._differencesOnly = value;
    this.emit();
  }

  /** The comparison again; `refresh`: from AWS, not the answer the server shares. */
  load(refresh = false): Promise<void> {
    return this.read(
      () => this.registry.api.compare(this.arns, refresh),
      comparison => {
        this._comparison = comparison;
      },
      'The versions could not be compared.'
    );
  }

  protected onVersionChanged(detail: RegistryVersionDetail): void {
    const comparison = this._comparison;
    if (!comparison || !comparison.versions.some(v => v.arn === detail.arn)) {
      return;
    }
    // Shown at once (its age stays the comparison's); the trends and best marks do not
    // depend on approval.
    this._comparison = {
      ...comparison,
      versions: comparison.versions.map(v => (v.arn === detail.arn ? detail : v))
    };
    this.emit();
  }

  private _comparison: RegistryComparison | null = null;
  private _differencesOnly = false;
}
