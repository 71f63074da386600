#!/usr/bin/python3
"""A labeling vendor's oracle for ssal, written against the public Kafka contract only.

It reads QueryBatch events from `query-batch`, answers every sample id with a LabelReceived on
`labels-received` (key = campaign id), and commits its consumer offsets only after the labels are
acknowledged by the broker, so a crash re-sends at most a batch: ssal counts a repeated label once.

Runs with Debian's python3-confluent-kafka and python3-avro, with their default settings (no
special partitioner: ssal's budget tracker re-keys what it reads).

    /usr/bin/python3 vendor_oracle.py --bootstrap 127.0.0.1:9092 --name acme [--campaigns c1,c2]
        [--answers answers.csv] [--exit-when-idle 30]

Labels come from `--answers` (a CSV of sampleId,label: the vendor's finished work) or, without it,
from `answer()` below: replace it with your annotation workflow.
"""
import argparse
import csv
import datetime
import io
import json
import os
import sys
import time
import zlib

import avro.io
import avro.schema
from confluent_kafka import Consumer, KafkaError, Producer

HERE = os.path.dirname(os.path.abspath(__file__))
SCHEMAS = os.environ.get("SSAL_SCHEMAS", os.path.join(HERE, "..", "..", "schemas"))
MAGIC = b"\xc3\x01"


def load_contract(schemas_dir):
    """Schemas by name and their fingerprints as ssal publishes them (schemas/fingerprints.json).

    The fingerprints are read, not computed: python-avro 1.11's canonical form keeps
    {"type": "long"} for fields with a logical type, so a CRC-64-AVRO of it differs from the
    spec's (and Java's) Parsing Canonical Form.
    """
    with open(os.path.join(schemas_dir, "fingerprints.json")) as f:
        fingerprints = {name: bytes.fromhex(value)[::-1] for name, value in json.load(f).items()}  # little-endian on the wire
    schemas = {}
    for name in ("QueryBatch", "LabelReceived"):
        with open(os.path.join(schemas_dir, "src", "main", "avro", name + ".avsc")) as f:
            schemas[name] = avro.schema.parse(f.read())
    return schemas, fingerprints


def decode(value, schema, fingerprint):
    """A single-object encoded event of the given type, or None if the bytes hold another type."""
    if value is None or len(value) < 10 or value[:2] != MAGIC or value[2:10] != fingerprint:
        return None
    return avro.io.DatumReader(schema).read(avro.io.BinaryDecoder(io.BytesIO(value[10:])))


def encode(record, schema, fingerprint):
    out = io.BytesIO()
    out.write(MAGIC)
    out.write(fingerprint)
    avro.io.DatumWriter(schema).write(record, avro.io.BinaryEncoder(out))
    return out.getvalue()


def answer(sample_id, num_classes):
    """Stand-in for a real annotation: a fixed class per sample id. Replace with your workflow."""
    return zlib.crc32(sample_id.encode()) % num_classes


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bootstrap", required=True, help="ssal's Kafka, e.g. 127.0.0.1:9092")
    parser.add_argument("--name", required=True, help="vendor name, recorded as annotatorId")
    parser.add_argument("--campaigns", default="", help="comma-separated campaign ids to label (default: all)")
    parser.add_argument("--answers", help="CSV of sampleId,label")
    parser.add_argument("--exit-when-idle", type=float, default=0, help="stop after this many idle seconds (0 = never)")
    args = parser.parse_args()

    schemas, fingerprints = load_contract(SCHEMAS)
    answers = {}
    if args.answers:
        with open(args.answers) as f:
            answers = {row[0]: int(row[1]) for row in csv.reader(f) if row}
    wanted = set(filter(None, args.campaigns.split(",")))

    consumer = Consumer({
        "bootstrap.servers": args.bootstrap,
        "group.id": "vendor-" + args.name,
        "auto.offset.reset": "earliest",
        "enable.auto.commit": False,
        "isolation.level": "read_committed",  # never act on batches of an aborted transaction
    })
    producer = Producer({"bootstrap.servers": args.bootstrap, "enable.idempotence": True})
    consumer.subscribe(["query-batch"])
    labeled = 0
    idle_since = time.monotonic()
    try:
        while True:
            message = consumer.poll(1.0)
            if message is None:
                if args.exit_when_idle and time.monotonic() - idle_since > args.exit_when_idle:
                    break
                continue
            if message.error():
                if message.error().code() != KafkaError._PARTITION_EOF:
                    print("vendor: consumer error:", message.error(), file=sys.stderr)
                continue
            idle_since = time.monotonic()
            batch = decode(message.value(), schemas["QueryBatch"], fingerprints["QueryBatch"])
            if batch is None or (wanted and batch["campaignId"] not in wanted):
                consumer.commit(message=message, asynchronous=False)
                continue
            now = datetime.datetime.now(tz=datetime.timezone.utc)  # python-avro wants a datetime for timestamp-millis
            for sample_id in batch["sampleIds"]:
                label = answers.get(sample_id, answer(sample_id, batch["numClasses"]))
                record = {"campaignId": batch["campaignId"], "round": batch["round"], "sampleId": sample_id,
                          "label": label, "annotatorId": args.name, "labeledAt": now}
                producer.produce("labels-received", key=batch["campaignId"].encode(),
                                 value=encode(record, schemas["LabelReceived"], fingerprints["LabelReceived"]))
                labeled += 1
            if producer.flush(30) != 0:
                raise RuntimeError("labels not acknowledged within 30 s; not committing the batch")
            consumer.commit(message=message, asynchronous=False)
            print("vendor: campaign %s round %d: %d labels" % (batch["campaignId"], batch["round"],
                                                                len(batch["sampleIds"])), flush=True)
    finally:
        consumer.close()
    print("vendor: %d labels sent" % labeled, flush=True)


if __name__ == "__main__":
    main()
