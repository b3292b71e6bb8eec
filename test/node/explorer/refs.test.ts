/**
 * Entity references (src/shared/refs.ts) and favourites (src/explorer/favourite.ts): what a reference
 * read back from JSON must hold, its identity key, the series view of it, and favourites saved by this
 * version or by an earlier one (a `type` string with the entity's fields).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { favouriteKey, parseFavourite } from '../../../src/explorer/favourite';
import { isEntityRef, isSeriesDescriptor, isSeriesRef, refAs, refKey, sameRef, seriesKey, type EntityRef } from '../../../src/shared/refs';

const attribute: EntityRef = { kind: 'iotticket-attribute', connectionId: 'c1', assetId: 'A1', attributeId: 'AT1' };

void test('a reference needs a known kind, its connection and every id of its kind as strings', () => {
  assert.ok(isEntityRef(attribute));
  assert.ok(isEntityRef({ kind: 'iotticket-attribute', connectionId: 'c1', attributeId: 'AT1' }), 'the asset id is optional');
  assert.ok(isEntityRef({ kind: 'connection', connectionId: 'c1' }));
  assert.ok(isEntityRef({ kind: 'altair-action', connectionId: 'c', space: 's', thingId: 't', action: 'reboot' }));
  for (const bad of [
    undefined,
    null,
    'iotticket-asset',
    { kind: 'iotticket-asset', connectionId: 'c1' },
    { kind: 'iotticket-asset', assetId: 'A1' },
    { kind: 'iotticket-asset', connectionId: 'c1', assetId: 7 },
    { kind: 'iotticket-attribute', connectionId: 'c1', attributeId: 'AT1', assetId: 3 },
    { kind: 'iotticket-analytics', connectionId: 'c1', analyticsKind: 'Spreadsheet', itemId: 'x' },
    { kind: 'toString', connectionId: 'c1' },
    { kind: 'unknown', connectionId: 'c1' },
  ]) {
    assert.equal(isEntityRef(bad), false, JSON.stringify(bad));
  }
});

void test('the key names the entity: labels and an attribute\'s asset id are not part of it', () => {
  assert.equal(refKey(attribute), 'iotticket-attribute/c1/AT1');
  assert.ok(sameRef(attribute, { kind: 'iotticket-attribute', connectionId: 'c1', attributeId: 'AT1' }));
  assert.ok(!sameRef(attribute, { kind: 'iotticket-attribute', connectionId: 'c2', attributeId: 'AT1' }));
  assert.equal(refKey({ kind: 'altair-property', connectionId: 'a', space: 's', thingId: 'T', property: 'p' }), 'altair-property/a/s/T/p');
  // A label travelling with the reference does not change it.
  assert.equal(refKey({ ...attribute, label: 'x' } as EntityRef), refKey(attribute));
});

void test('series are the attributes, datanodes and properties; a descriptor adds the label', () => {
  assert.ok(isSeriesRef(attribute));
  assert.ok(!isSeriesRef({ kind: 'iotticket-asset', connectionId: 'c1', assetId: 'A1' }));
  assert.equal(refAs(attribute, 'iotticket-asset', 'v1-device'), undefined);
  assert.equal(refAs(attribute, 'iotticket-attribute'), attribute);
  assert.ok(isSeriesDescriptor({ ...attribute, label: 'Pump · Flow' }));
  assert.ok(!isSeriesDescriptor(attribute), 'no label');
  // The chart's id keeps its old form (saved charts hide series by it).
  assert.equal(seriesKey(attribute), 'iotticket-attribute/c1/A1/AT1');
});

void test('favourites of this version keep reference, label and snapshot', () => {
  const saved = { ref: attribute, label: 'Plant / Pump / Flow', snapshot: { attribute: { id: 'AT1' } } };
  assert.deepEqual(parseFavourite(JSON.parse(JSON.stringify(saved))), saved);
  assert.equal(parseFavourite({ ref: { kind: 'iotticket-asset' }, label: 'x' }), undefined);
  assert.equal(parseFavourite({ ref: attribute }), undefined, 'no label');
});

void test('favourites saved by an earlier version are read into references', () => {
  const asset = { id: 'A1', name: 'Pump', parentId: 'A0', namesPath: ['Plant', 'Pump'] };
  const legacy = [
    { type: 'iot.asset', connectionId: 'c1', label: 'Plant / Pump', asset },
    { type: 'iot.attribute', connectionId: 'c1', label: 'Plant / Pump / Flow', asset, attribute: { id: 'AT1', name: 'Flow', type: 'TelemetryData' } },
    { type: 'iot.device', connectionId: 'c1', label: 'Gateway', device: { id: 'D1', name: 'Gateway' } },
    { type: 'v1.device', connectionId: 'v', label: 'Engine', device: { deviceId: 'dev1', name: 'Engine' } },
    { type: 'v1.datanode', connectionId: 'v', label: 'Engine · Airflow', device: { deviceId: 'dev1' }, datanode: { name: 'Airflow', path: 'Primary' } },
    { type: 'altair.thing', connectionId: 'a', label: 'Sensor', space: 's', thingId: 'T1' },
    { type: 'altair.property', connectionId: 'a', label: 'Sensor · temp', space: 's', thingId: 'T1', property: 'temp' },
    { type: 'altair.category', connectionId: 'a', label: 'Rooms', space: 's', category: 'Rooms' },
  ];
  const read = legacy.map(parseFavourite);
  assert.deepEqual(
    read.map((f) => f && refKey(f.ref)),
    [
      'iotticket-asset/c1/A1',
      'iotticket-attribute/c1/AT1',
      'iotticket-device/c1/D1',
      'v1-device/v/dev1',
      'v1-datanode/v/dev1//Primary/Airflow',
      'altair-thing/a/s/T1',
      'altair-property/a/s/T1/temp',
      'altair-category/a/s/Rooms',
    ],
  );
  assert.deepEqual(read[0]?.snapshot, { asset, namesPath: ['Plant', 'Pump'] });
  assert.deepEqual(read[1]?.snapshot?.asset, { id: 'A1', name: 'Pump', namesPath: ['Plant', 'Pump'] });
  assert.equal(read[1]?.ref.kind === 'iotticket-attribute' && read[1].ref.assetId, 'A1');
  assert.equal(read[5]?.snapshot, undefined, 'things are fetched again');
  assert.equal(favouriteKey(read[0]!), refKey(read[0]!.ref));
  assert.equal(parseFavourite({ type: 'iot.asset', connectionId: 'c1', label: 'x' }), undefined, 'no asset');
  assert.equal(parseFavourite({ type: 'iot.mystery', connectionId: 'c1', label: 'x' }), undefined);
});
