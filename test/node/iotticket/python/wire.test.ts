/**
 * The bridge protocol: frames cut from any chunking, attachments as typed arrays, and the generic
 * conversion of what an SDK may return (dataclasses, __slots__, namedtuples, pydantic, DataFrames,
 * datetimes, numpy scalars, NaN/NaT, cycles) as it arrives through a real Python process.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { FrameDecoder } from '../../../../src/platforms/iotticket/python/frames';
import { decodeValue, encodeArgument, frameArgument, pythonClassOf, WireFrame } from '../../../../src/platforms/iotticket/python/wire';
import { Mapper } from '../../../../src/platforms/iotticket/python/mapping';
import { ASSET } from '../../../../src/platforms/iotticket/python/objectSpecs';
import { recorder, startPyFixture, type PyFixture } from './pyFixture';

/** A frame as python/dasbridge/framing.py writes it. */
function pyFrame(header: Record<string, unknown>, attachments: Buffer[] = []): Buffer {
  const body = Buffer.from(JSON.stringify(attachments.length ? { ...header, b: attachments.map((a) => a.length) } : header));
  const len = Buffer.alloc(4);
  len.writeUInt32BE(body.length);
  return Buffer.concat([len, body, ...attachments]);
}

void describe('frames', () => {
  const values = Float64Array.from([1.5, NaN, -2, 1e300]);
  const stream = Buffer.concat([
    pyFrame({ op: 'hello' }),
    pyFrame({ op: 'result', id: 1, value: { $array: { kind: 'f64', data: { $bin: 0 } } } }, [Buffer.from(values.buffer)]),
    pyFrame({ op: 'result', id: 2, value: 'é' }),
  ]);

  void test('any chunking gives the same frames, attachments intact even when misaligned', () => {
    for (const size of [1, 3, 7, 8, 13, stream.length]) {
      const decoder = new FrameDecoder();
      const frames = [];
      // A leading byte shifts every later chunk off 8-byte alignment.
      const shifted = Buffer.concat([Buffer.from([0]), stream]).subarray(1);
      for (let at = 0; at < shifted.length; at += size) frames.push(...decoder.push(shifted.subarray(at, at + size)));
      assert.deepEqual(frames.map((fr) => fr.header.op), ['hello', 'result', 'result'], `chunks of ${size}`);
      const decoded = decodeValue(frames[1].header.value, frames[1].attachments) as Float64Array;
      assert.ok(decoded instanceof Float64Array);
      assert.deepEqual([...decoded], [...values]);
      assert.equal(decodeValue(frames[2].header.value), 'é');
      assert.equal(decoder.pending, 0);
    }
  });

  void test('a malformed header is an error, not a silent skip', () => {
    assert.throws(() => new FrameDecoder().push(pyFrame({ op: 'result', b: ['x'] })), /byte lengths/);
  });

  void test('arguments: dates, bytes, "$" keys escaped, DataFrames by column', () => {
    assert.deepEqual(encodeArgument({ when: new Date(5), raw: new Uint8Array([1]), skip: undefined, n: NaN }), { when: { $dt: 5 }, raw: { $bytes: 'AQ==' }, n: null });
    assert.deepEqual(encodeArgument({ $dt: 1 }), { $dict: { $dt: 1 } });
    assert.deepEqual(frameArgument([{ a: 1, timestamp: 't0' }, { timestamp: 't1', b: 2 }]), { $frame: { columns: { timestamp: ['t0', 't1'], a: [1, null], b: [null, 2] }, order: ['timestamp', 'a', 'b'] } });
  });

  void test('the mapper: naming variants, unmapped fields kept, missing ones logged once', () => {
    const log = recorder();
    const mapper = new Mapper(log);
    const raw = decodeValue({ asset_id: 'A1', AssetName: 'Pump', parent_asset_id: 'A0', child_count: 3, serial_no: 'S', $class: 'Asset' }) as object;
    assert.equal(pythonClassOf(raw), 'Asset');
    assert.deepEqual(mapper.object(ASSET, raw), { id: 'A1', name: 'Pump', parentId: 'A0', childCount: 3, serialNo: 'S' });
    assert.deepEqual(mapper.object(ASSET, { id: 'A2', name: 'x', parent_id: 'P', parentId: 'Q' }), { id: 'A2', name: 'x', parentId: 'P', extra: { parentId: 'Q' } }, 'a taken name goes under extra');
    mapper.object(ASSET, { title: 'no id' });
    mapper.object(ASSET, { title: 'no id either' });
    assert.equal(log.lines.filter((l) => l.includes('has no id, name')).length, 1, 'logged once');
    assert.deepEqual(mapper.object(ASSET, 'A3'), { id: '', name: '', value: 'A3' });
  });
});

void describe('conversion through a real process', () => {
  let f: PyFixture;
  let v: Record<string, unknown>;
  before(async () => {
    f = await startPyFixture();
    v = (await f.backend({ factory: 'bridge_probe:make_client' }).python.call('probe_values')) as Record<string, unknown>;
  });
  after(() => f.close());

  void test('objects: pydantic (model_dump), __slots__, dataclass, namedtuple; private members left out', () => {
    assert.deepEqual(v.pydantic, { kind: 'pydantic', n: 1 });
    assert.deepEqual(v.slots, { a: 7, b: null });
    assert.deepEqual(v.record, { record_id: 'R1', when: '2024-01-02T03:04:05.006Z', tags: ['t'] });
    assert.equal(pythonClassOf(v.record), 'Record');
    assert.deepEqual(v.pair, { left: 1, right: [2, 3] });
  });

  void test('scalars: enum, Decimal, bytes, dates (naive = UTC), NaT/NaN/inf → null, big ints as text, numpy scalars', () => {
    assert.equal(v.enum, 'red');
    assert.equal(v.decimal, 2.5);
    assert.deepEqual([...(v.bytes as Uint8Array)], [0, 255]);
    assert.equal(v.date, '2024-05-06');
    assert.equal(v.naive, '2024-01-01T00:00:00.000Z');
    assert.equal(v.aware, '2024-01-01T00:00:00.000Z');
    assert.deepEqual([v.nat, v.nan, v.inf], [null, null, null]);
    assert.equal(v.big, '1152921504606846976');
    assert.deepEqual([v.np_float, v.np_bool, v.np_datetime], [0.25, true, '2024-01-01T00:00:00.123Z']);
    assert.deepEqual(v.dollar, { $dt: 'not a tag' }, 'data with "$" keys stays data');
    assert.deepEqual(v.set, [3]);
    assert.equal((v.cycle as Record<string, unknown>).self, '<cycle>');
    assert.match(String(v.function), /built-in function len/);
  });

  void test('arrays and DataFrames: float64 columns, times as epoch ms UTC (NaT → NaN), text as JSON, attrs kept', () => {
    assert.deepEqual([...(v.array as Float64Array)], [0, 1, 2, 3]);
    const frame = v.frame as WireFrame;
    assert.ok(frame instanceof WireFrame);
    assert.deepEqual(frame.columns.map((c) => [c.name, c.kind]), [['when', 'time'], ['x', 'f64'], ['n', 'f64'], ['flag', 'bool'], ['label', 'json']]);
    assert.deepEqual([...(frame.column('when')!.values as Float64Array)], [0, 1500, NaN]);
    assert.deepEqual([...(frame.column('x')!.values as Float64Array)], [1.5, NaN, 3]);
    assert.deepEqual(frame.column('label')!.values, ['a', null, 'c']);
    assert.deepEqual(frame.attrs, { sources: { attribute_ids: ['AT1'] } });
    assert.deepEqual(frame.toRows()[0], { when: '1970-01-01T00:00:00.000Z', x: 1.5, n: 1, flag: true, label: 'a' });
    assert.deepEqual(JSON.parse(JSON.stringify(v.series)), { columns: ['s'], rows: [{ s: 1 }, { s: 2 }], attrs: {} });
  });
});
