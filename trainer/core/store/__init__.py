"""The store room: state files beside the catalogue, crash-safe and locked.

`protocol` is the `Store` interface and the in-memory store; `files` the store on disk;
`codec` records to TOML and back, checked key by key; `reader` reads and caches files;
`migrations` upgrades old schemas; `atomic` does crash-safe writes and the writer's lock.
"""
