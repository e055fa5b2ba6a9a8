"""Reading the inbox: raw report files in, parsed reports or rejections out."""
