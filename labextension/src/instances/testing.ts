// The Instances specs' fake server and model (not part of the build: tsconfig.json).
import type {
  CurrentInstance,
  InstanceCatalog,
  Recommendation,
  Recommendations,
  WorkloadRequest
} from '../generated/api-types';
import { IInstancesApi, InstancesModel } from './model';

export function recommendation(over: Partial<Recommendation> = {}): Recommendation {
  return {
    type: 'ml.g4dn.xlarge',
    family: 'g4dn',
    reasons: ['A CNN trains much faster on a GPU.'],
    monthly_cost: 537.57,
    monthly_cost_with_idle_shutdown: 145.8,
    price_per_hour: 0.7364,
    vcpu: 4,
    memory_gib: 16,
    gpus: 1,
    gpu_model: 'NVIDIA T4',
    gpu_memory_gib: 16,
    allowed: true,
    price_estimated: false,
    ...over
  };
}

export function recommendations(types: string[] = ['ml.g4dn.xlarge']): Recommendations {
  return {
    region: 'eu-central-1',
    workload: {
      model: 'CNN',
      family: 'cnn',
      memory_gb: 0.05,
      data_gb: 0,
      gpu: 'yes',
      hours_per_day: 8,
      preference: 'balanced'
    },
    recommendations: types.map(type => recommendation({ type })),
    alternative: null
  };
}

export const IN_STUDIO: CurrentInstance = {
  people: null,
  in_studio: true,
  instance_type: 'ml.t3.medium',
  space_name: 'hermione'
};

/** A server that records what it was asked and answers as told. */
export function fakeServer(over: Partial<IInstancesApi> = {}) {
  const asked: WorkloadRequest[] = [];
  const switched: string[] = [];
  const api: IInstancesApi = {
    catalog: async () => ({ idle_timeout_minutes: 60 }) as InstanceCatalog,
    current: async () => IN_STUDIO,
    recommend: async workload => {
      asked.push(workload);
      return recommendations();
    },
    switch: async type => {
      switched.push(type);
      return {
        instance_type: type,
        space_name: 'hermione',
        message: `The space runs on ${type} from its next start.`,
        app_stopping: true
      };
    },
    ...over
  };
  return { api, asked, switched };
}

export function makeModel(
  server = fakeServer(),
  options: Partial<InstancesModel.IOptions> = {}
) {
  const calls: string[] = [];
  const model = new InstancesModel({
    api: server.api,
    saveAll: async () => calls.push('save'),
    confirm: async type => {
      calls.push(`confirm ${type}`);
      return true;
    },
    debounceMs: 300,
    ...options
  });
  return { model, calls };
}
