import type { RegistryVersionDetail } from '../../generated/api-types';
import { RegistryModel } from '../model';
import { TabModel } from './tab';

/** One version, all of it. */
export class DetailModel extends TabModel {
  constructor(
    registry: RegistryModel,
    readonly group: string,
    readonly version: number
  ) {
    super(registry);
  }

  get detail(): RegistryVersionDetail | null {
    return this._detail;
  }

  /** The version's detail again; `refresh`: from AWS, not the answer the server shares. */
  load(refresh = false): Promise<void> {
    return this.read(
      () => this.registry.api.version(this.group, this.version, refresh),
      detail => {
        this._detail = detail;
      },
      `Version ${this.version} of ${this.group} could not be read.`
    );
  }

  protected onVersionChanged(detail: RegistryVersionDetail): void {
    if (detail.group === this.group && detail.version === this.version) {
      this._detail = detail;
      this.emit();
    }
  }

  private _detail: RegistryVersionDetail | null = null;
}
