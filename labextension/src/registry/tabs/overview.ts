import type { RegistryOverview, RegistryOverviewGroup } from '../../generated/api-types';
import { PagedListModel } from '../../ui/paged';
import { RegistryModel } from '../model';

/**
 * Every group's latest approved version and what waits for review, page by page; the page
 * shown is read again when an approval changes anywhere on the page.
 */
export class OverviewModel extends PagedListModel<
  RegistryOverviewGroup,
  RegistryOverview
> {
  constructor(readonly registry: RegistryModel) {
    super();
    registry.versionChanged.connect(() => void this.load(), this);
  }

  get groups(): RegistryOverviewGroup[] {
    return this.items;
  }

  /** The page shown again; `refresh`: read from AWS, not the answer the server shares. */
  load(refresh = false): Promise<void> {
    return this.loadPage(this.pager.current, refresh);
  }

  protected fetchPage(
    cursor: string | null,
    refresh: boolean
  ): Promise<RegistryOverview> {
    return this.registry.api.overview(cursor, refresh);
  }

  protected itemsOf(page: RegistryOverview): RegistryOverviewGroup[] {
    return page.groups;
  }

  protected readonly failure = 'The team overview could not be read.';
}
