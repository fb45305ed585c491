def rows(count):
    return [{"id": i, "name": "row-%d" % i} for i in range(count)]
