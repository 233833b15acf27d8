// Minimal typings for the peer simulators used in tests and benchmarks (they ship none).
declare module "quantum-circuit" {
  interface Complex { re: number; im: number }
  export default class QuantumCircuit {
    constructor(numQubits: number);
    basicGates: Record<string, { params?: string[] }>;
    state: Record<string, Complex>;
    appendGate(name: string, wires: number | number[], options?: { params?: Record<string, number> }): void;
    run(initialValues?: number[], options?: Record<string, unknown>): void;
  }
}

declare module "jsqubits" {
  const jsqubits: any;
  export default jsqubits;
}
