import { describe, expect, it } from 'vitest';

import type { Inventory, InventoryRequest } from '../generated/api-types';
import { refusing } from '../testing';
import { InvalidCsvError } from './api';
import { describeProblem, InventoryModel } from './inventory';

const SEED = `User,Feature,Model,Memory,GPU usage
Harry Potter,Sorting Hat algorithm,XGBoost,15 Mb,No
`;

function result(total: number): Inventory {
  return {
    region: 'eu-central-1',
    rows: [],
    total_monthly_cost: total,
    total_monthly_cost_with_idle_shutdown: total / 2
  };
}

describe('a problem in the file', () => {
  it('names the line and column when the server did', () => {
    expect(describeProblem({ message: 'Not a size.', line: 3, column: 'Memory' })).toBe(
      'Line 3, column Memory: Not a size.'
    );
    expect(describeProblem({ message: 'Too few columns.', line: 2, column: null })).toBe(
      'Line 2: Too few columns.'
    );
    expect(describeProblem({ message: 'Empty.', line: null, column: null })).toBe(
      'Empty.'
    );
  });

  it('is not said twice when the message names the line already', () => {
    const message = "Inventory line 2, column Memory: 'a lot' is not a size.";
    expect(describeProblem({ message, line: 2, column: 'Memory' })).toBe(message);
    expect(describeProblem({ message: 'Bad in line 12.', line: 2, column: null })).toBe(
      'Line 2: Bad in line 12.'
    );
  });
});

describe('InventoryModel', () => {
  it('sends a chosen file at once and shows the total', async () => {
    const asked: InventoryRequest[] = [];
    const model = new InventoryModel({
      recommend: async request => {
        asked.push(request);
        return result(100);
      }
    });
    await model.loadFile('inventory.csv', SEED);
    expect(asked).toEqual([{ csv: SEED, preference: 'balanced' }]);
    expect(model.csv).toBe(SEED);
    expect(model.fileName).toBe('inventory.csv');
    expect(model.result?.total_monthly_cost).toBe(100);
    expect(model.loading).toBe(false);
  });

  it('asks again when the preference changes after a result', async () => {
    const asked: InventoryRequest[] = [];
    const model = new InventoryModel({
      recommend: async request => {
        asked.push(request);
        return result(1);
      }
    });
    model.preference = 'fastest'; // nothing shown yet: nothing to ask
    expect(asked).toEqual([]);
    model.csv = SEED;
    await model.submit();
    model.preference = 'cheapest';
    await new Promise(resolve => setTimeout(resolve, 0));
    expect(asked.map(a => a.preference)).toEqual(['fastest', 'cheapest']);
  });

  it('says where a malformed file is wrong and drops the old table', async () => {
    let fail = false;
    const model = new InventoryModel({
      recommend: async () => {
        if (fail) {
          throw new InvalidCsvError('"lots" is not a size.', 3, 'Memory');
        }
        return result(1);
      }
    });
    model.csv = SEED;
    await model.submit();
    fail = true;
    await model.submit();
    expect(model.result).toBeNull();
    expect(model.problem).toEqual({
      message: '"lots" is not a size.',
      line: 3,
      column: 'Memory'
    });
  });

  it('asks for a file before sending nothing', async () => {
    let asked = 0;
    const model = new InventoryModel({
      recommend: async () => {
        asked++;
        return result(1);
      }
    });
    model.csv = '  \n';
    await model.submit();
    expect(asked).toBe(0);
    expect(model.problem?.message).toBe(
      'Paste the inventory CSV or choose a file first.'
    );
  });

  it("shows other failures in the server's words", async () => {
    const model = new InventoryModel({
      recommend: refusing(
        'server_unreachable',
        'The Jupyter server cannot be reached.',
        0
      )
    });
    model.csv = SEED;
    await model.submit();
    expect(describeProblem(model.problem!)).toBe('The Jupyter server cannot be reached.');
  });
});
