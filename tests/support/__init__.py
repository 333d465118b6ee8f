"""Code the tests share with the benchmarks (a real server, a websocket client, nginx, a
training followed over the wire). bench/ imports it from here; tests never import bench/."""
