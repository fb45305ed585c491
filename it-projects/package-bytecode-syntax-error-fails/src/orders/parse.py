def parse(text):
    return text.split(

VALUE = 1
