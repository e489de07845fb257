import { describe, expect, it } from 'vitest';

import type { Instance, InstanceCatalog } from '../generated/api-types';
import { refusing } from '../testing';
import {
  CatalogModel,
  describeSource,
  familiesOf,
  filterInstances,
  NO_FILTER,
  sortInstances
} from './catalog';

function instance(over: Partial<Instance>): Instance {
  return {
    type: 'ml.t3.medium',
    family: 't3',
    vcpu: 2,
    memory_gib: 4,
    gpus: 0,
    gpu_model: null,
    gpu_memory_gib: 0,
    price_per_hour: 0.05,
    free_tier: false,
    allowed: true,
    price_estimated: false,
    price_note: null,
    ...over
  };
}

const INSTANCES: Instance[] = [
  instance({ type: 'ml.t3.medium', free_tier: true }),
  instance({
    type: 'ml.m5.xlarge',
    family: 'm5',
    vcpu: 4,
    memory_gib: 16,
    price_per_hour: 0.23
  }),
  instance({
    type: 'ml.g4dn.xlarge',
    family: 'g4dn',
    vcpu: 4,
    memory_gib: 16,
    gpus: 1,
    gpu_model: 'NVIDIA T4',
    gpu_memory_gib: 16,
    price_per_hour: 0.7364
  }),
  instance({
    type: 'ml.p3.2xlarge',
    family: 'p3',
    vcpu: 8,
    memory_gib: 61,
    gpus: 1,
    gpu_model: 'NVIDIA V100',
    gpu_memory_gib: 16,
    price_per_hour: 3.825,
    allowed: false
  }),
  instance({
    type: 'ml.m5.large',
    family: 'm5',
    vcpu: 2,
    memory_gib: 8,
    price_per_hour: null,
    price_estimated: true,
    price_note: 'Not offered in this region.'
  })
];

function catalog(over: Partial<InstanceCatalog> = {}): InstanceCatalog {
  return {
    region: 'eu-central-1',
    source: 'bundled',
    as_of: '2026-11-25',
    instances: INSTANCES,
    known_regions: ['us-east-1', 'us-west-2', 'eu-west-1', 'eu-central-1'],
    idle_timeout_minutes: 60,
    free_tier_note: '250 hours of ml.t3.medium a month for the first two months.',
    ...over
  };
}

const types = (instances: Instance[]) => instances.map(i => i.type);

describe('filtering the catalog', () => {
  it('matches type, family and GPU model without regard to case', () => {
    expect(types(filterInstances(INSTANCES, { ...NO_FILTER, text: 'G4DN' }))).toEqual([
      'ml.g4dn.xlarge'
    ]);
    expect(types(filterInstances(INSTANCES, { ...NO_FILTER, text: 'v100' }))).toEqual([
      'ml.p3.2xlarge'
    ]);
    expect(filterInstances(INSTANCES, NO_FILTER)).toHaveLength(INSTANCES.length);
  });

  it('keeps only GPU types, or one family', () => {
    expect(types(filterInstances(INSTANCES, { ...NO_FILTER, gpuOnly: true }))).toEqual([
      'ml.g4dn.xlarge',
      'ml.p3.2xlarge'
    ]);
    expect(types(filterInstances(INSTANCES, { ...NO_FILTER, family: 'm5' }))).toEqual([
      'ml.m5.xlarge',
      'ml.m5.large'
    ]);
    expect(
      filterInstances(INSTANCES, { text: 'xlarge', gpuOnly: true, family: 'm5' })
    ).toEqual([]);
  });

  it('offers each family once, in catalog order', () => {
    expect(familiesOf(INSTANCES)).toEqual(['t3', 'm5', 'g4dn', 'p3']);
  });
});

describe('sorting the catalog', () => {
  it('by price, cheapest first, a type without a price last either way', () => {
    expect(types(sortInstances(INSTANCES, 'price', 'ascending'))).toEqual([
      'ml.t3.medium',
      'ml.m5.xlarge',
      'ml.g4dn.xlarge',
      'ml.p3.2xlarge',
      'ml.m5.large'
    ]);
    expect(types(sortInstances(INSTANCES, 'price', 'descending'))).toEqual([
      'ml.p3.2xlarge',
      'ml.g4dn.xlarge',
      'ml.m5.xlarge',
      'ml.t3.medium',
      'ml.m5.large'
    ]);
  });

  it('by memory, equal memory cheaper first', () => {
    expect(types(sortInstances(INSTANCES, 'memory', 'descending'))).toEqual([
      'ml.p3.2xlarge',
      'ml.m5.xlarge', // 16 GiB at $0.23 before 16 GiB at $0.7364
      'ml.g4dn.xlarge',
      'ml.m5.large',
      'ml.t3.medium'
    ]);
  });

  it('by vCPU and by GPU memory', () => {
    expect(types(sortInstances(INSTANCES, 'vcpu', 'descending'))[0]).toBe(
      'ml.p3.2xlarge'
    );
    expect(
      types(sortInstances(INSTANCES, 'gpu_memory', 'descending')).slice(0, 2)
    ).toEqual(['ml.g4dn.xlarge', 'ml.p3.2xlarge']);
  });

  it('does not change the list it was given', () => {
    const before = types(INSTANCES);
    sortInstances(INSTANCES, 'price', 'descending');
    expect(types(INSTANCES)).toEqual(before);
  });
});

describe('the price source', () => {
  it('says where the prices came from and when', () => {
    expect(describeSource(catalog())).toBe(
      'Prices for eu-central-1 from the price list shipped with jupyter_dsws ' +
        '(the Price List API was not reachable), as of 2026-11-25.'
    );
    expect(describeSource(catalog({ source: 'pricing-api', region: 'us-east-1' }))).toBe(
      "Prices for us-east-1 from AWS's Price List API, as of 2026-11-25."
    );
  });
});

describe('CatalogModel', () => {
  it("shows the server's order until a column is picked; the same column reverses", async () => {
    const model = new CatalogModel({ fetch: async () => catalog() });
    await model.load();
    expect(types(model.rows)).toEqual(types(INSTANCES));
    model.sortBy('price');
    expect(model.direction).toBe('ascending');
    expect(model.rows[0].type).toBe('ml.t3.medium');
    model.sortBy('price');
    expect(model.direction).toBe('descending');
    expect(model.rows[0].type).toBe('ml.p3.2xlarge');
    model.sortBy('memory');
    expect(model.direction).toBe('ascending');
    model.filter = { ...model.filter, gpuOnly: true };
    expect(types(model.rows)).toEqual(['ml.g4dn.xlarge', 'ml.p3.2xlarge']);
  });

  it('asks for the chosen region, and keeps only the last answer', async () => {
    const asked: (string | undefined)[] = [];
    const answers: Record<string, (c: InstanceCatalog) => void> = {};
    const model = new CatalogModel({
      fetch: region => {
        asked.push(region);
        return new Promise(resolve => (answers[region ?? ''] = resolve));
      }
    });
    const first = model.load('us-east-1');
    const second = model.load('eu-west-1');
    expect(model.loading).toBe(true);
    answers['eu-west-1'](catalog({ region: 'eu-west-1' }));
    await second;
    answers['us-east-1'](catalog({ region: 'us-east-1' }));
    await first;
    expect(asked).toEqual(['us-east-1', 'eu-west-1']);
    expect(model.catalog?.region).toBe('eu-west-1');
    expect(model.loading).toBe(false);
  });

  it("shows the server's message when it refuses", async () => {
    const model = new CatalogModel({
      fetch: refusing(
        'unknown_region',
        'Unknown region mars-1: choose one of us-east-1, eu-central-1.',
        400
      )
    });
    await model.load('mars-1');
    expect(model.error).toBe(
      'Unknown region mars-1: choose one of us-east-1, eu-central-1.'
    );
    expect(model.rows).toEqual([]);
  });
});
